"""Sentences (kg.extract.text with each language's boundary and abbreviations, data/rules/<lang>.yaml):
no cut after an abbreviation, an address or initials; a cut after a closed quote."""
import pytest

from kg.build import load_extraction_data
from kg.extract.text import sentences

LANGUAGES = load_extraction_data()


@pytest.mark.parametrize("code,text,wanted", [
    ("id", "Kedutaan Besar RI di Jl. H.R. Rasuna Said No. 5 dibuka. Menlu hadir.",
     ["Kedutaan Besar RI di Jl. H.R. Rasuna Said No. 5 dibuka.", "Menlu hadir."]),
    ("id", "Acara dihadiri Bpk. Ahmad dan Prof. Dr. Budi, M.Sc. dari Kemlu. Lalu selesai.",
     ["Acara dihadiri Bpk. Ahmad dan Prof. Dr. Budi, M.Sc. dari Kemlu.", "Lalu selesai."]),
    ("es", "LIMA, 12 mar (EFE).- El Excmo. Sr. Embajador, Gral. (r) Juan Pérez, llegó a la Av. Arequipa. Luego habló.",
     ["LIMA, 12 mar (EFE).- El Excmo. Sr. Embajador, Gral. (r) Juan Pérez, llegó a la Av. Arequipa.", "Luego habló."]),
    ("en", "Acme Sdn. Bhd. signed it with Maj. Gen. Lee. Done.", ["Acme Sdn. Bhd. signed it with Maj. Gen. Lee.", "Done."]),
    ("en", "“It is time.” She agreed.", ["“It is time.”", "She agreed."]),
    ("bn", "ঢাকা, ১২ মার্চ (বাসস) : ড. এ কে আব্দুল মোমেন বলেন, দুই দেশ চুক্তি সই করেছে। পরে তিনি চলে যান।",
     ["ঢাকা, ১২ মার্চ (বাসস) : ড. এ কে আব্দুল মোমেন বলেন, দুই দেশ চুক্তি সই করেছে।", "পরে তিনি চলে যান।"]),
])
def test_sentences_end_where_the_language_ends_them(code, text, wanted):
    language = LANGUAGES[code]
    assert [s.text for s in sentences(text, language.sentence_boundary, language.abbreviations)] == wanted
