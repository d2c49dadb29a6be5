#define _GNU_SOURCE
/* bigstack.c — runs the parser and executor on a large stack of their own (a reserved 1 GiB
 * region, touched only as deep as the recursion goes), switched to with swapcontext: templates
 * nest as deeply as Go allows without overflowing the caller's stack, at the cost of a context
 * switch rather than a thread per call. */
#include "template/internal.h"

#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#if defined(__SANITIZE_ADDRESS__)
#define BIGSTACK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BIGSTACK_ASAN 1
#endif
#endif
#ifdef BIGSTACK_ASAN
#include <dlfcn.h>
/* AddressSanitizer is told about the switches; its own swapcontext (which warns on stderr and
 * clears the shadow of the whole stack at every switch) is bypassed for libc's. */
void __sanitizer_start_switch_fiber(void **fake_stack_save, const void *bottom, size_t size);
void __sanitizer_finish_switch_fiber(void *fake_stack_save, const void **bottom_old, size_t *size_old);

static int switch_to(ucontext_t *from, const ucontext_t *to)
{
	static int (*real)(ucontext_t *, const ucontext_t *);
	if (!real) {
		void *libc = dlopen("libc.so.6", RTLD_LAZY | RTLD_NOLOAD);
		real = libc ? (int (*)(ucontext_t *, const ucontext_t *))dlsym(libc, "swapcontext") : NULL;
		if (!real)
			real = swapcontext;
	}
	return real(from, to);
}
#else
#define switch_to swapcontext
#endif

enum {
	BIG_STACK = 1 << 30,
	KEEP = 8 << 20, /* pages kept after a run; deeper ones are given back */
	PAGE = 4096,
};

static __thread struct {
	char *stack;
	bool active;
	ucontext_t caller, self;
	void (*fn)(void *);
	void *arg;
	const void *caller_bottom;
	size_t caller_size;
} fb;

static void trampoline(void)
{
#ifdef BIGSTACK_ASAN
	__sanitizer_finish_switch_fiber(NULL, &fb.caller_bottom, &fb.caller_size);
#endif
	fb.fn(fb.arg);
#ifdef BIGSTACK_ASAN
	__sanitizer_start_switch_fiber(NULL, fb.caller_bottom, fb.caller_size);
#endif
} /* returns to fb.caller (uc_link) */

void tmpl_run_on_big_stack(void (*fn)(void *), void *arg)
{
	if (fb.active) {
		fn(arg);
		return;
	}
	if (!fb.stack) {
		void *p = mmap(NULL, BIG_STACK, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
		if (p == MAP_FAILED) {
			fn(arg); /* no room: run within the caller's stack */
			return;
		}
		mprotect(p, 4096, PROT_NONE); /* guard page */
		fb.stack = p;
	}
	/* a marked page at the KEEP depth tells afterwards whether the run went deeper */
	char *mark = fb.stack + BIG_STACK - KEEP - PAGE;
	memset(mark, 0xA5, PAGE);
	fb.fn = fn;
	fb.arg = arg;
	getcontext(&fb.self);
	fb.self.uc_stack.ss_sp = fb.stack;
	fb.self.uc_stack.ss_size = BIG_STACK;
	fb.self.uc_link = &fb.caller;
	makecontext(&fb.self, trampoline, 0);
	fb.active = true;
#ifdef BIGSTACK_ASAN
	void *fake = NULL;
	__sanitizer_start_switch_fiber(&fake, fb.stack, BIG_STACK);
#endif
	switch_to(&fb.caller, &fb.self);
#ifdef BIGSTACK_ASAN
	__sanitizer_finish_switch_fiber(fake, NULL, NULL);
#endif
	fb.active = false;
	/* every byte still 0xA5: the first is, and the page equals itself shifted by one */
	if ((unsigned char)mark[0] != 0xA5 || memcmp(mark, mark + 1, PAGE - 1) != 0)
		madvise(fb.stack + PAGE, BIG_STACK - KEEP - PAGE, MADV_DONTNEED);
}
