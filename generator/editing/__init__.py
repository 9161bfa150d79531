"""The editors' workflow: `chronology new` (a record skeleton) and `chronology serve` (preview).

Commands live in generator.editing.cli; generator.cli adds them when this package exists.
"""
