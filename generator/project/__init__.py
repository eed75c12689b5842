"""The project on disk: discovering schemes, agencies and period files (discover), naming a period or
the project root from the command line (workspace), and scaffolding a new project (scaffold)."""
