"""Exit codes and the one exception a command raises for a usage mistake (a wrong period, a missing
scheme). Low layers raise UsageError; the command line prints it and exits 2."""

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 141  # the reader of the output left (`| head`): 128 + SIGPIPE, as Unix tools do


class UsageError(Exception):
    pass
