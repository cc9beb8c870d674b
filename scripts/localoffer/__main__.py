from localoffer.cli import main

raise SystemExit(main())
