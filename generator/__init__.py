"""chronology: turn sourced YAML incident records into a static chronology site.

Data flows one way, one module per stage:

    importer/  articles  -> draft records        (chronology import)
    loader     files     -> raw records          (safe YAML, line numbers)
    validate   raw       -> problems             (JSON Schema + cross checks)
    model      raw       -> Chronology           (typed, indexed, read-only)
    site/      model     -> pages                (Pelican plugin, templates)
    check/     pages     -> broken links / HTML  (chronology check)
"""
