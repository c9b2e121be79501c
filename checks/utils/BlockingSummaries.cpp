//===--- BlockingSummaries.cpp - asynclint --------------------------------===//
//
// Formats: driver/Summaries.cpp.
//
//===----------------------------------------------------------------------===//

#include "BlockingSummaries.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/FileManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::async::utils {
namespace {

// The file and offset of \p Loc (where a macro expands), the path absolute.
llvm::json::Object placeOf(SourceLocation Loc, const SourceManager &SM) {
  auto [FID, Offset] = SM.getDecomposedExpansionLoc(Loc);
  OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID);
  llvm::SmallString<256> Path(FE ? FE->getName() : "");
  if (!Path.empty()) {
    SM.getFileManager().makeAbsolutePath(Path);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  }
  // std::string: a json::Value made from a StringRef does not copy it.
  return llvm::json::Object{{"file", std::string(Path)}, {"offset", Offset}};
}

} // namespace

namespace {
std::string &summaryPath() {
  static std::string Path;
  return Path;
}
} // namespace

const char *summaryOutput() {
  const std::string &P = summaryPath();
  return P.empty() ? nullptr : P.c_str();
}

void setSummaryOutput(const std::string &Path) { summaryPath() = Path; }

std::string usrOf(const Decl *D) {
  llvm::SmallString<128> Buf;
  if (index::generateUSRForDecl(D, Buf))
    return "";
  return Buf.str().str();
}

std::string quotedName(const NamedDecl *D) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << '\'';
  D->getNameForDiagnostic(OS, D->getASTContext().getPrintingPolicy(), false);
  OS << '\'';
  return Out;
}

void SummaryWriter::function(const FunctionDecl *FD) {
  Functions.push_back(
      llvm::json::Object{{"usr", usrOf(FD)}, {"name", quotedName(FD)}});
}

void SummaryWriter::sink(llvm::StringRef Callee, SourceLocation Loc,
                         const SourceManager &SM) {
  llvm::json::Object &F = *Functions.back().getAsObject();
  if (F.get("sink"))
    return;
  llvm::json::Object Sink = placeOf(Loc, SM);
  Sink["callee"] = Callee.str();
  F["sink"] = std::move(Sink);
}

void SummaryWriter::call(const FunctionDecl *Callee, SourceLocation Loc,
                         const SourceManager &SM) {
  std::string Usr = usrOf(Callee);
  if (Usr.empty())
    return;
  llvm::json::Object &F = *Functions.back().getAsObject();
  if (!F.get("calls"))
    F["calls"] = llvm::json::Array();
  llvm::json::Object Call = placeOf(Loc, SM);
  Call["usr"] = std::move(Usr);
  F.getArray("calls")->push_back(std::move(Call));
}

void SummaryWriter::write(const char *Path) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC)
    return;
  OS << llvm::json::Value(llvm::json::Object{
      {"depth", Depth}, {"functions", std::move(Functions)}});
}

bool SummaryReader::load(llvm::StringRef Path, std::string &Err) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf) {
    Err = Buf.getError().message();
    return false;
  }
  llvm::Expected<llvm::json::Value> V = llvm::json::parse((*Buf)->getBuffer());
  if (!V) {
    Err = llvm::toString(V.takeError());
    return false;
  }
  const llvm::json::Object *Functions =
      V->getAsObject() ? V->getAsObject()->getObject("functions") : nullptr;
  if (!Functions) {
    Err = "not a summaries file written by asynclint --summaries";
    return false;
  }
  for (const auto &[Usr, F] : *Functions) {
    const llvm::json::Array *Notes =
        F.getAsObject() ? F.getAsObject()->getArray("notes") : nullptr;
    if (!Notes)
      continue;
    std::vector<Note> &Chain = Chains[Usr.str()];
    for (const llvm::json::Value &NV : *Notes)
      if (const llvm::json::Object *N = NV.getAsObject())
        Chain.push_back(
            {N->getString("file").value_or("").str(),
             static_cast<unsigned>(N->getInteger("offset").value_or(0)),
             N->getString("message").value_or("").str()});
  }
  return true;
}

const std::vector<SummaryReader::Note> *
SummaryReader::chain(llvm::StringRef Usr) const {
  auto It = Chains.find(Usr);
  return It == Chains.end() ? nullptr : &It->second;
}

SourceLocation SummaryReader::locationOf(const Note &N, SourceManager &SM) {
  OptionalFileEntryRef FE = SM.getFileManager().getOptionalFileRef(N.File);
  if (!FE)
    return {};
  FileID FID = SM.translateFile(*FE);
  if (FID.isInvalid())
    FID = SM.createFileID(*FE, SourceLocation(), SrcMgr::C_User);
  std::optional<llvm::MemoryBufferRef> Buf = SM.getBufferOrNone(FID);
  if (!Buf || N.Offset > Buf->getBufferSize())
    return {};
  return SM.getComposedLoc(FID, N.Offset);
}

} // namespace clang::tidy::async::utils
