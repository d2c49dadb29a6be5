/* Unit tests of lib/value.c: ownership, sorted maps, deep copy and equality, truth. */
#include "value.h"
#include "unit.h"

#include <string.h>

static void test_map_sorted(void)
{
	hv *m = hv_map();
	hv_map_set(m, "b", hv_int(2));
	hv_map_set(m, "a", hv_int(1));
	hv_map_set(m, "c", hv_str("x"));
	hv_map_set(m, "a", hv_int(10));
	CHECK(hv_len(m) == 3);
	CHECK(strcmp(hv_map_key(m, 0), "a") == 0 && strcmp(hv_map_key(m, 2), "c") == 0);
	CHECK(hv_get_int(hv_map_get(m, "a")) == 10);
	CHECK(hv_map_get(m, "zz") == NULL);
	CHECK(hv_map_del(m, "b") && hv_len(m) == 2 && !hv_map_del(m, "b"));
	hv_free(m);
}

static void test_copy_equal(void)
{
	hv *m = hv_map(), *l = hv_list();
	hv_list_push(l, hv_float(1.5));
	hv_list_push(l, hv_nil());
	hv_map_set(m, "l", l);
	hv *c = hv_copy(m);
	CHECK(hv_equal(m, c));
	hv_list_push(l, hv_bool(true));
	CHECK(!hv_equal(m, c));
	CHECK(!hv_equal(hv_map_get(c, "l"), l));
	hv *i1 = hv_int(1), *i64 = hv_int_typed(1, HV_GO_INT64);
	CHECK(!hv_equal(i1, i64));
	CHECK(strcmp(hv_gotype(i64), "int64") == 0 && strcmp(hv_gotype(m), "map[string]interface {}") == 0);
	hv_free(i1);
	hv_free(i64);
	hv_free(m);
	hv_free(c);
}

static void test_truth_path(void)
{
	hv *m = hv_map(), *in = hv_map();
	hv_map_set(in, "c", hv_str(""));
	hv_map_set(m, "b", in);
	CHECK(hv_path(m, "b.c") && !hv_truth(hv_path(m, "b.c")));
	CHECK(hv_path(m, "b.x") == NULL);
	CHECK(hv_truth(m) && !hv_truth(hv_nil()) && !hv_truth(hv_bool(false)));
	hv_free(m);
}

int main(void)
{
	test_map_sorted();
	test_copy_equal();
	test_truth_path();
	return unit_report("value");
}
