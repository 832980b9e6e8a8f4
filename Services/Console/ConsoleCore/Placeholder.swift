// Filled by the console branch.
