//===--- LspFraming.cpp - asynclint-clangd --------------------------------===//

#include "LspFraming.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Twine.h"

namespace asynclint::lsp {

namespace {

constexpr llvm::StringLiteral HeaderName = "Content-Length";
constexpr llvm::StringLiteral HeaderEnd = "\r\n\r\n";

// The body length a header block declares, or an error message.
bool parseHeader(llvm::StringRef Block, size_t &Length, std::string &Error) {
  llvm::SmallVector<llvm::StringRef, 4> Lines;
  Block.split(Lines, "\r\n");
  bool Seen = false;
  for (llvm::StringRef Line : Lines) {
    auto [Name, Value] = Line.split(':');
    if (Name.size() == Line.size()) {
      Error = "malformed header line (no ':')";
      return false;
    }
    if (!Name.trim().equals_insensitive(HeaderName))
      continue; // Content-Type and the like
    Value = Value.trim();
    unsigned long long N = 0;
    if (Seen) {
      Error = "duplicate Content-Length header";
      return false;
    }
    if (Value.empty() || Value.size() > 10 ||
        Value.find_first_not_of("0123456789") != llvm::StringRef::npos ||
        Value.getAsInteger(10, N) || N > FrameReader::MaxBodyBytes) {
      Error = ("bad Content-Length '" + Value.take_front(32) + "'").str();
      return false;
    }
    Length = static_cast<size_t>(N);
    Seen = true;
  }
  if (!Seen) {
    Error = "header block without Content-Length";
    return false;
  }
  return true;
}

} // namespace

void FrameReader::feed(llvm::StringRef Bytes, std::vector<FrameEvent> &Out) {
  Buffer.append(Bytes.data(), Bytes.size());
  while (Pos < Buffer.size()) {
    llvm::StringRef Rest = llvm::StringRef(Buffer).substr(Pos);
    size_t End = Rest.find(HeaderEnd);
    if (End == llvm::StringRef::npos) {
      if (Rest.size() <= MaxHeaderBytes)
        break; // wait for the rest of the header
      Out.push_back({FrameEvent::Error, "header block too long"});
      resync();
      continue;
    }
    if (End > MaxHeaderBytes) {
      Out.push_back({FrameEvent::Error, "header block too long"});
      resync();
      continue;
    }
    size_t Length = 0;
    std::string Error;
    if (!parseHeader(Rest.take_front(End), Length, Error)) {
      Out.push_back({FrameEvent::Error, std::move(Error)});
      resync();
      continue;
    }
    size_t BodyStart = End + HeaderEnd.size();
    if (Rest.size() - BodyStart < Length)
      break; // wait for the rest of the body
    Out.push_back({FrameEvent::Message, Rest.substr(BodyStart, Length).str()});
    Pos += BodyStart + Length;
  }
  // Keep the buffer from growing with consumed bytes.
  if (Pos > 0 && (Pos == Buffer.size() || Pos > 65536)) {
    Buffer.erase(0, Pos);
    Pos = 0;
  }
}

void FrameReader::resync() {
  size_t Next = llvm::StringRef(Buffer).find(HeaderName, Pos + 1);
  if (Next != llvm::StringRef::npos) {
    Pos = Next;
    return;
  }
  // Keep only a tail that could be the start of the next header's name.
  llvm::StringRef Rest = llvm::StringRef(Buffer).substr(Pos + 1);
  for (size_t K = std::min(Rest.size(), HeaderName.size() - 1); K > 0; --K)
    if (Rest.ends_with(HeaderName.take_front(K))) {
      Pos = Buffer.size() - K;
      return;
    }
  Pos = Buffer.size();
}

std::vector<FrameEvent> FrameReader::finish() {
  std::vector<FrameEvent> Out;
  llvm::StringRef Rest = llvm::StringRef(Buffer).substr(Pos);
  if (!Rest.trim().empty())
    Out.push_back(
        {FrameEvent::Error, ("input ended inside a message (" +
                             llvm::Twine(Rest.size()) + " bytes dropped)")
                                .str()});
  Buffer.clear();
  Pos = 0;
  return Out;
}

std::string frame(llvm::StringRef Body) {
  return ("Content-Length: " + llvm::Twine(Body.size()) + "\r\n\r\n" + Body)
      .str();
}

} // namespace asynclint::lsp
