"""The archive's guarantees: locks that freeze a closed period, checked on every check and build."""
