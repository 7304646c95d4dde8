"""Performance benchmark of ``tqa`` (run by ``nox -s bench``); not part of the package."""
