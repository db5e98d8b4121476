"""`python -m pipeline` runs the kbnorm command line."""

import sys

from pipeline.cli import main

sys.exit(main())
