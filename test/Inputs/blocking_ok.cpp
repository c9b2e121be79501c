// A file with nothing to report, for option-parsing tests.
int main() { return 0; }
