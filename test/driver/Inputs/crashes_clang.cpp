// clang-22 itself crashes (SIGSEGV in Sema) on this unit: an alias template
// whose template header is written twice, used in a member partial
// specialisation that an instantiation then matches. Not asynclint's bug;
// the driver must survive it and report it.
template <class A> template <class... B> using F = void(B...);
template <class T> struct O {
  template <class U> struct S;
  template <class U> struct S<F<U>>;
};
O<int>::S<void(int)> s;
