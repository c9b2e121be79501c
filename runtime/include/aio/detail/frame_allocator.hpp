// Coroutine frames come and go at a high rate (every awaited task is one),
// so task frames are recycled through a small per-thread cache by size
// class instead of going to the global allocator each time. A block freed on
// another thread simply joins that thread's cache. Under AddressSanitizer
// the cache is off, so a use after free of a frame is still caught.
#pragma once

#include <array>
#include <cstddef>
#include <new>

#ifdef __has_feature
#if __has_feature(address_sanitizer)
#define AIO_NO_FRAME_CACHE 1
#endif
#endif
#ifdef __SANITIZE_ADDRESS__
#define AIO_NO_FRAME_CACHE 1
#endif

namespace aio::detail {

class frame_cache {
public:
  static constexpr std::size_t granule = 64;
  static constexpr std::size_t classes = 16; // frames up to 1 KiB
  static constexpr std::size_t per_class = 64;

  ~frame_cache() {
    for (auto &list : free_)
      while (list.head) {
        node *n = list.head;
        list.head = n->next;
        ::operator delete(n);
      }
  }

  void *allocate(std::size_t size) {
    std::size_t c = (size + granule - 1) / granule;
    if (c == 0 || c > classes)
      return ::operator new(size);
    auto &list = free_[c - 1];
    if (node *n = list.head) {
      list.head = n->next;
      --list.count;
      return n;
    }
    return ::operator new(c * granule);
  }

  void deallocate(void *p, std::size_t size) noexcept {
    std::size_t c = (size + granule - 1) / granule;
    if (c == 0 || c > classes) {
      ::operator delete(p);
      return;
    }
    auto &list = free_[c - 1];
    if (list.count == per_class) {
      ::operator delete(p);
      return;
    }
    list.head = ::new (p) node{list.head};
    ++list.count;
  }

  static frame_cache &local() {
    thread_local frame_cache cache;
    return cache;
  }

private:
  struct node {
    node *next;
  };
  struct free_list {
    node *head = nullptr;
    std::size_t count = 0;
  };
  std::array<free_list, classes> free_{};
};

// Base for promise types whose frames use the cache.
struct cached_frame {
#ifndef AIO_NO_FRAME_CACHE
  static void *operator new(std::size_t size) {
    return frame_cache::local().allocate(size);
  }
  static void operator delete(void *p, std::size_t size) noexcept {
    frame_cache::local().deallocate(p, size);
  }
#endif
};

} // namespace aio::detail
