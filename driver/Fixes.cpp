//===--- Fixes.cpp - asynclint driver -------------------------------------===//

#include "Fixes.h"
#include "FileSystem.h"
#include "Options.h"
#include "clang-tidy/ClangTidy.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

using namespace clang;

namespace asynclint {
namespace {

using PerFileReplacements = std::map<std::string, tooling::Replacements>;

// Adds all of \p Fix's replacements to \p PerFile, or none when one
// conflicts: they are tried on copies of the files it touches. Returns the
// files.
std::vector<std::string> addAllOrNone(const FixIt &Fix,
                                      PerFileReplacements &PerFile) {
  PerFileReplacements Trial;
  for (const tooling::Replacement &R : Fix.Edits) {
    std::string File = R.getFilePath().str();
    auto [It, New] = Trial.try_emplace(File);
    if (New)
      It->second = PerFile[File];
    if (llvm::Error E = It->second.add(R)) {
      llvm::consumeError(std::move(E));
      return {};
    }
  }
  std::vector<std::string> Files;
  for (auto &[File, Reps] : Trial) {
    PerFile[File] = std::move(Reps);
    Files.push_back(File);
  }
  return Files;
}

// Rewrites \p File with \p Reps; false (reported) when it cannot.
bool rewrite(const std::string &File, const tooling::Replacements &Reps) {
  auto Buf = llvm::MemoryBuffer::getFile(File);
  if (!Buf) {
    llvm::errs() << "asynclint: error: cannot read '" << File
                 << "' to fix it: " << Buf.getError().message() << "\n";
    return false;
  }
  llvm::Expected<std::string> New =
      tooling::applyAllReplacements((*Buf)->getBuffer(), Reps);
  if (!New) {
    llvm::errs() << "asynclint: error: cannot fix '" << File
                 << "': " << llvm::toString(New.takeError()) << "\n";
    return false;
  }
  std::string Err;
  if (!writeAtomically(File, *New, Err)) {
    llvm::errs() << "asynclint: error: cannot write '" << File << "': " << Err
                 << " (left unchanged)\n";
    return false;
  }
  return true;
}

} // namespace

std::optional<int>
exportFixes(const std::string &Path, const std::string &MainFile,
            const std::vector<clang::tidy::ClangTidyError> &Errors) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_None);
  if (EC)
    return usageError("cannot write --export-fixes '" + Path +
                      "': " + EC.message());
  tidy::exportReplacements(MainFile, Errors, OS);
  return std::nullopt;
}

void applyFixes(std::vector<Finding> &Findings,
                const std::set<std::string> &Untouchable, bool Unsafe) {
  PerFileReplacements PerFile;
  std::map<std::string, std::set<Finding *>> Owners;
  for (Finding &F : Findings) {
    const FixIt *Fix = F.Error ? nullptr : F.fixFor(Unsafe);
    if (!Fix || llvm::any_of(Fix->Edits, [&](const tooling::Replacement &R) {
          return Untouchable.contains(R.getFilePath().str());
        }))
      continue;
    for (const std::string &File : addAllOrNone(*Fix, PerFile))
      Owners[File].insert(&F);
  }

  for (auto &[File, Reps] : PerFile) {
    if (!rewrite(File, Reps))
      continue;
    const std::set<Finding *> &Fixed = Owners[File];
    for (Finding *F : Fixed)
      F->Fixed = true;
    llvm::errs() << "asynclint: fixed " << Fixed.size() << " finding"
                 << (Fixed.size() == 1 ? "" : "s") << " in "
                 << relativeToCwd(File) << "\n";
  }
}

} // namespace asynclint
