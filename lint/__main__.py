from lint.cli import run

run()
