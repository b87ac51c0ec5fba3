"""`python -m core.cli`: the same as the `edudesk` command."""

import sys

from core.cli.commands import main

sys.exit(main())
