from incidentlore.launch import main

main()
