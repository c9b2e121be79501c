//===--- UnitWire.cpp - asynclint driver ----------------------------------===//
//
// Format: "PARSE_FAILED\n", the number of inputs and one
// "SIZE MTIME_NS HASH PATH" line per input, then the unit's summary
// (Summaries.h) and the errors: their number
// and each error as fields, a string written "LENGTH:BYTES" and a number
// "DIGITS " (e.g. "0\n1\n120 1700000000 - /src/a.cpp\n2 ..."). A
// length-prefixed format rather than clang-tidy's YAML: decoding 20,000
// findings of YAML cost the driver more than the checks took to find them.
//
//===----------------------------------------------------------------------===//

#include "UnitWire.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace asynclint {
namespace {

class Writer {
public:
  explicit Writer(llvm::raw_ostream &OS) : OS(OS) {}
  void num(uint64_t N) { OS << N << ' '; }
  void str(llvm::StringRef S) { OS << S.size() << ':' << S; }
  void message(const tooling::DiagnosticMessage &M) {
    str(M.Message);
    str(M.FilePath);
    num(M.FileOffset);
    num(M.Fix.size());
    for (const auto &[File, Reps] : M.Fix) {
      str(File);
      num(Reps.size());
      for (const tooling::Replacement &R : Reps) {
        str(R.getFilePath());
        num(R.getOffset());
        num(R.getLength());
        str(R.getReplacementText());
      }
    }
    num(M.Ranges.size());
    for (const tooling::FileByteRange &R : M.Ranges) {
      str(R.FilePath);
      num(R.FileOffset);
      num(R.Length);
    }
  }

private:
  llvm::raw_ostream &OS;
};

// Reads what Writer wrote; any malformed field makes ok() false.
class Reader {
public:
  explicit Reader(llvm::StringRef In) : In(In) {}
  bool ok() const { return Ok; }
  uint64_t num() {
    auto [Digits, Rest] = In.split(' ');
    uint64_t N = 0;
    Ok &= !Digits.getAsInteger(10, N);
    In = Rest;
    return N;
  }
  std::string str() {
    auto [Digits, Rest] = In.split(':');
    size_t N = 0;
    if (Digits.getAsInteger(10, N) || N > Rest.size()) {
      Ok = false;
      In = "";
      return "";
    }
    In = Rest.drop_front(N);
    return Rest.take_front(N).str();
  }
  void message(tooling::DiagnosticMessage &M) {
    M.Message = str();
    M.FilePath = str();
    M.FileOffset = num();
    for (uint64_t Files = num(); Ok && Files--;) {
      tooling::Replacements &Reps = M.Fix[str()];
      for (uint64_t N = num(); Ok && N--;) {
        std::string Path = str();
        unsigned Offset = num();
        unsigned Length = num();
        llvm::consumeError(
            Reps.add(tooling::Replacement(Path, Offset, Length, str())));
      }
    }
    for (uint64_t N = num(); Ok && N--;) {
      tooling::FileByteRange &R = M.Ranges.emplace_back();
      R.FilePath = str();
      R.FileOffset = num();
      R.Length = num();
    }
  }

private:
  llvm::StringRef In;
  bool Ok = true;
};

} // namespace

std::string encodeUnit(const UnitResult &R) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << (R.ParseFailed ? "1" : "0") << "\n" << R.Inputs.size() << "\n";
  for (const InputStamp &I : R.Inputs)
    OS << formatStamp(I) << "\n";
  Writer W(OS);
  W.str(R.Summary);
  W.num(R.Errors.size());
  for (const tidy::ClangTidyError &E : R.Errors) {
    W.str(E.DiagnosticName);
    W.num(E.DiagLevel);
    W.num(E.IsWarningAsError);
    W.str(E.BuildDirectory);
    W.message(E.Message);
    W.num(E.Notes.size());
    for (const tooling::DiagnosticMessage &N : E.Notes)
      W.message(N);
  }
  return Out;
}

bool decodeUnit(llvm::StringRef Bytes, UnitResult &R) {
  auto [Failed, Rest] = Bytes.split('\n');
  auto [CountText, Body] = Rest.split('\n');
  size_t Count = 0;
  if ((Failed != "0" && Failed != "1") || CountText.getAsInteger(10, Count))
    return false;
  R.ParseFailed = Failed == "1";
  R.Inputs.clear();
  for (size_t I = 0; I < Count; ++I) {
    auto [Line, Next] = Body.split('\n');
    std::optional<InputStamp> S = parseStamp(Line);
    if (!S)
      return false;
    R.Inputs.push_back(std::move(*S));
    Body = Next;
  }
  Reader In(Body);
  R.Summary = In.str();
  R.Errors.clear();
  for (uint64_t N = In.num(); In.ok() && N--;) {
    std::string Name = In.str();
    auto Level = static_cast<tooling::Diagnostic::Level>(In.num());
    bool AsError = In.num();
    tidy::ClangTidyError E(Name, Level, In.str(), AsError);
    In.message(E.Message);
    for (uint64_t Notes = In.num(); In.ok() && Notes--;)
      In.message(E.Notes.emplace_back());
    R.Errors.push_back(std::move(E));
  }
  return In.ok();
}

} // namespace asynclint
