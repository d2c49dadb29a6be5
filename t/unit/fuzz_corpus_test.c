/* fuzz_corpus_test.c — replays the fuzzer's corpus (t/fuzz/corpus) through the fuzz target, so
 * that every make test runs it under the sanitizers and the target keeps building without
 * clang's libFuzzer. */
#include "../fuzz/template_fuzz.c"
#include "unit.h"
#include "util.h"

#include <dirent.h>

int main(void)
{
	/* the corpus beside this file (__FILE__ is relative to the top, where the tests run) */
	char *dir = xasprintf("%.*s/../fuzz/corpus", (int)(strrchr(__FILE__, '/') - __FILE__), __FILE__);
	DIR *d = opendir(dir);
	CHECK(d != NULL);
	int n = 0;
	for (struct dirent *de; d && (de = readdir(d));) {
		if (de->d_name[0] == '.')
			continue;
		char *path = xasprintf("%s/%s", dir, de->d_name);
		size_t len;
		char *err = NULL;
		char *data = read_file(path, &len, &err);
		CHECK(data != NULL);
		if (data)
			CHECK(LLVMFuzzerTestOneInput((const uint8_t *)data, len) == 0);
		free(data);
		free(err);
		free(path);
		n++;
	}
	if (d)
		closedir(d);
	CHECK(n > 0);
	free(dir);
	return unit_report("fuzz corpus");
}
