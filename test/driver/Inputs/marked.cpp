// ASYNCLINT_TEST_CRASH_MARKER: the debug check aborts or hangs here.
int marked;
