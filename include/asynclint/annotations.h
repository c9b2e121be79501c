// Annotations read by asynclint's checks.
//
//   ASYNCLINT_BLOCKING     on a function: calling it blocks the thread.
//                          async-blocking-call reports calls to it inside
//                          coroutines, directly or through helpers.
//   ASYNCLINT_NONBLOCKING  on a function: calling it does not block, whatever
//                          it looks like (a read on a non-blocking
//                          descriptor). async-blocking-call neither reports
//                          it nor follows calls into it.
//   ASYNCLINT_DETACHED     on a function or a class: dropping the awaitable
//                          it returns (or a value of the class) unawaited is
//                          intended; async-unawaited-task stays silent.
//
// Put the macro where an attribute goes: before the declaration
// (`ASYNCLINT_BLOCKING void load(const char *path);`), or after the class
// key (`struct ASYNCLINT_DETACHED fire_and_forget {...};`). An annotation
// on any declaration of a function counts. Under Clang the macros expand to
// `__attribute__((annotate("asynclint::...")))`; other compilers see
// nothing.

#ifndef ASYNCLINT_ANNOTATIONS_H
#define ASYNCLINT_ANNOTATIONS_H

#if defined(__clang__) && defined(__has_attribute)
#if __has_attribute(annotate)
#define ASYNCLINT_BLOCKING __attribute__((annotate("asynclint::blocking")))
#define ASYNCLINT_NONBLOCKING                                                  \
  __attribute__((annotate("asynclint::nonblocking")))
#define ASYNCLINT_DETACHED __attribute__((annotate("asynclint::detached")))
#endif
#endif

#ifndef ASYNCLINT_BLOCKING
#define ASYNCLINT_BLOCKING
#define ASYNCLINT_NONBLOCKING
#define ASYNCLINT_DETACHED
#endif

#endif // ASYNCLINT_ANNOTATIONS_H
