"""Writing the repository from the command line without mangling what people wrote."""
