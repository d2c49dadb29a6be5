/* fuzz_corpus_test.c — replays the fuzzer's corpus (t/fuzz/corpus) through the fuzz target, so
 * that every make test runs it under the sanitizers and the target keeps building without
 * clang's libFuzzer. */
#include "../fuzz/template_fuzz.c"
#include "unit.h"
#include "util.h"

static void replay(const char *path, const char *data, size_t len, void *arg)
{
	CHECK(LLVMFuzzerTestOneInput((const uint8_t *)data, len) == 0);
}

int main(void)
{
	/* the corpus beside this file (__FILE__ is relative to the top, where the tests run) */
	char *dir = xasprintf("%.*s/../fuzz/corpus", (int)(strrchr(__FILE__, '/') - __FILE__), __FILE__);
	CHECK(unit_walk(dir, NULL, replay, NULL) > 0);
	free(dir);
	return unit_report("fuzz corpus");
}
