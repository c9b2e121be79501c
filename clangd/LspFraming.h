//===--- LspFraming.h - asynclint-clangd ------------------------*- C++ -*-===//
//
// The base protocol of the Language Server Protocol: messages framed by a
// header block ("Content-Length: N\r\n" ... "\r\n") and N bytes of body.
// FrameReader takes bytes in chunks of any size and gives back whole bodies;
// a malformed header is reported and skipped up to the next header, so one
// bad message never corrupts the ones after it.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CLANGD_LSPFRAMING_H
#define ASYNCLINT_CLANGD_LSPFRAMING_H

#include "llvm/ADT/StringRef.h"
#include <cstddef>
#include <string>
#include <vector>

namespace asynclint::lsp {

/// What FrameReader found in the bytes fed so far.
struct FrameEvent {
  enum Kind : unsigned char { Message, Error };
  Kind K;
  /// The body of a message, or what was wrong with the framing.
  std::string Text;
};

class FrameReader {
public:
  /// Header blocks longer than this are malformed (clangd's own limit is far
  /// below it; a real header is two short lines).
  static constexpr size_t MaxHeaderBytes = 8192;
  /// Bodies longer than this are refused (1 GiB).
  static constexpr size_t MaxBodyBytes = static_cast<size_t>(1) << 30;

  /// Appends \p Bytes and appends to \p Out every message and error that is
  /// now complete, in stream order.
  void feed(llvm::StringRef Bytes, std::vector<FrameEvent> &Out);

  /// At end of input: an error describing a trailing partial message, if
  /// any bytes are left over.
  std::vector<FrameEvent> finish();

private:
  /// Drops bytes up to the next "Content-Length" header after the current
  /// position (or all but a possible prefix of one).
  void resync();

  std::string Buffer;
  size_t Pos = 0;
};

/// \p Body with the header block an LSP peer expects.
std::string frame(llvm::StringRef Body);

} // namespace asynclint::lsp

#endif // ASYNCLINT_CLANGD_LSPFRAMING_H
