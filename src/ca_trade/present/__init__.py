"""Words made from the core's results: labels, sentences and tables in the current language.

The domain modules (data, progress, flows, scenario, projects) return numbers, ids, dates and
frozen dataclasses; this package, the charts and the pages turn them into text.
"""
