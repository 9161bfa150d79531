"""`chronology import`: news articles (HTML or pasted text) -> draft incident records.

Pipeline, one module per stage:
  reader.py   file -> bytes -> Article (refuses empty, binary, huge, undecodable files)
  html.py     HTML page -> Article (body and metadata), no I/O
  text.py     pasted text -> Article (boilerplate, duplicates, credits removed), no I/O
  clean.py    line-level cleaning shared by html.py and text.py
  sentences.py, fold.py, numbers.py   segmentation; accent/case/transliteration folding;
              numbers in words and digits
  gazetteer.py, places.yaml   bases, actors, provinces, cities, countries
  dates.py    date expressions and how they resolve (publication date or inference)
  casualties.py, lexicon.py   casualty figures; trigger, weapon and cue word lists
  mentions.py sentences -> mentions of attacks and strikes (trigger, target, agent, count)
  sources.py  who tells an incident (US speakers, US losses, other sources) -> its status
  weapons.py  an incident's weapons from its sentences
  extract.py  mentions -> incidents (clusters) -> DraftIncident with every field
  summaries.py  bilingual template summaries
  drafts.py   DraftIncident -> record; merge into existing records; the only writer
  score.py    per-field precision and recall against labelled articles
  run.py      one run: each file read, extracted, saved, reported in one line
  cli.py      the click command `import`
"""
