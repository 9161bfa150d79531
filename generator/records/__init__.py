"""Record files -> validated data -> model: the parse cache, quote text and model assembly.

The stage itself (every check, then the model or every problem) is `generator.records.checks`.
"""
