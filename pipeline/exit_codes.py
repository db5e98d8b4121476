"""The exit statuses of every kbnorm command, as the output contract and `--help` state them."""

OK = 0
SOME_FAILED = 1  # some pages failed; the rest were written
USAGE = 2  # bad usage or bad configuration (a broken glossary): nothing written
LOCKED = 75  # EX_TEMPFAIL: another run holds the output folder
SIGINT = 130
SIGTERM = 143
