"""The other grammatical number of a product's name, so "grape" finds the product "grapes"
and "vehículo" the product "vehículos" (the gazetteer matches names as written).

English: the last word with or without its plural "s" ("-ies" for "-y"); Spanish: a one-word
name of four letters or more with or without its plural "-s"/"-es" (a final "-ón" loses its
accent in the plural: "camarón", "camarones"). A short English last word
(four letters or fewer) is left as it is ("arms" is not "arm"); Indonesian and Bengali mark no number on the noun (Bengali
case endings are the gazetteer's suffixes).

>>> number_forms("grapes", "en"), number_forms("blueberries", "en"), number_forms("vehicle", "en")
(['grape'], ['blueberry'], ['vehicles'])
>>> number_forms("arms", "en"), number_forms("glass", "en"), number_forms("spare parts", "en")
([], [], ['spare part'])
>>> number_forms("vehículos", "es"), number_forms("flores", "es"), number_forms("fertilizante", "es")
(['vehículo'], ['flor'], ['fertilizantes'])
>>> number_forms("camarones", "es"), number_forms("algodón", "es")
(['camarón'], ['algodones'])
>>> number_forms("karet", "id")
[]
>>> area_forms("económico", "es"), area_forms("comercial", "es"), area_forms("investment", "en")
(['económica', 'económicos', 'económicas'], ['comerciales'], ['investments'])
"""
from __future__ import annotations

VOWELS = "aeiouáéíóú"


def number_forms(name: str, language: str) -> list[str]:
    """The name in the other number, where ``language`` marks it on the noun (none: [])."""
    if language == "en":
        head, _, last = name.rpartition(" ")
        if len(last) <= 4 or not last.isalpha() or last.endswith("ss"):
            return []
        if last.endswith("ies"):
            other = last[:-3] + "y"
        elif last.endswith("s"):
            other = last[:-1]
        else:
            other = last[:-1] + "ies" if last.endswith("y") and last[-2] not in VOWELS else last + "s"
        return [f"{head} {other}".strip()]
    if language == "es" and " " not in name and len(name) > 3 and name.isalpha():
        if name.endswith("ones") and len(name) > 5:
            return [name[:-4] + "ón"]
        if name.endswith("ón"):
            return [name[:-2] + "ones"]
        if name.endswith("es") and name[-3] not in VOWELS:
            return [name[:-2]]
        if name.endswith("s"):
            return [name[:-1]]
        return [name + ("s" if name[-1] in VOWELS else "es")]
    return []


#: Spanish adjective endings by gender and number: an area named "técnico" is also "técnica",
#: "técnicos", "técnicas" ("cooperación técnica", "vínculos económicos").
ADJECTIVE_ENDINGS = (("ico", "ica", "icos", "icas"), ("ivo", "iva", "ivos", "ivas"), ("al", "ales"))


def area_forms(name: str, language: str) -> list[str]:
    """The other forms of an area's name a text may use: its other number (``number_forms``)
    and, for a Spanish adjective, its other gender and number ("económico": "económica",
    "económicos", "económicas"; "comercial": "comerciales")."""
    if language == "es" and " " not in name:
        for endings in ADJECTIVE_ENDINGS:
            ending = next((e for e in sorted(endings, key=len, reverse=True) if name.endswith(e)), None)
            if ending:
                stem = name[:-len(ending)]
                return [stem + other for other in endings if other != ending]
    return number_forms(name, language)
