"""``python -m newsclean`` runs the command-line filter."""

from newsclean.cli import main

raise SystemExit(main())
