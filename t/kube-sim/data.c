/* data.c — the Kubernetes API data kube-sim serves, embedded from data/ at build time
 * (see data/NOTICE).  Paths are relative to the top of the tree, where make runs the compiler. */
#include "ksim.h"

__asm__(".section .rodata\n"
	".global ks_builtin_kinds_json\n"
	"ks_builtin_kinds_json:\n"
	".incbin \"t/kube-sim/data/builtin-kinds.json\"\n"
	".byte 0\n"
	".global ks_discovery_json\n"
	"ks_discovery_json:\n"
	".incbin \"t/kube-sim/data/discovery.json\"\n"
	".byte 0\n"
	".previous\n");
