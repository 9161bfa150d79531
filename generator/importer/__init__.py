"""`chronology import`: news articles (HTML or pasted text) -> draft incident records.

Pipeline, one module per stage:
  reader.py   file -> bytes -> Article (refuses empty, binary, huge, undecodable files)
  html.py     HTML page -> Article (body and metadata), no I/O
  text.py     pasted text -> Article (boilerplate, duplicates, credits removed), no I/O
  clean.py    line-level cleaning shared by html.py and text.py
  sentences.py, fold.py   segmentation and accent/case/transliteration folding
  gazetteer.py, places.yaml   bases, actors, provinces, cities, countries
  dates.py    date expressions and how they resolve (publication date or inference)
  casualties.py, lexicon.py   casualty figures; trigger, weapon and cue word lists
  extract.py  Article -> list of DraftIncident (mentions -> incidents)
  summaries.py  bilingual template summaries
  drafts.py   DraftIncident -> record; merge into existing records; the only writer
  score.py    per-field precision and recall against labelled articles
  cli.py      the click command `import`
"""
