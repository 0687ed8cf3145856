from incidentlore.cli import main

main()
