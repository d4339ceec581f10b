from paperlint.cli import main

main(prog_name="paperlint")
