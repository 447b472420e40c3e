"""The languages kg reads documents in and labels everything in, defined once.

>>> LANGUAGES
('en', 'id', 'bn', 'es')
"""
LANGUAGES = ("en", "id", "bn", "es")
