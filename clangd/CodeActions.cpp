//===--- CodeActions.cpp - asynclint-clangd -------------------------------===//
//
// asynclint's fix-its as quick fixes, appended to clangd's answer to a
// textDocument/codeAction request whose range touches a finding.
//
//===----------------------------------------------------------------------===//

#include "ClangdProxy.h"
#include "llvm/Support/MemoryBuffer.h"

namespace asynclint {

namespace json = llvm::json;

namespace {

// clangd's titles for a one-edit fix.
std::string fixTitle(const BufferFinding::Fix &Fix, llvm::StringRef Text,
                     const std::string &Path, const BufferFinding &F) {
  if (!Fix.Title.empty())
    return Fix.Title;
  if (Fix.Edits.size() == 1 && Fix.Edits[0].Path == Path) {
    const BufferEdit &E = Fix.Edits[0];
    llvm::StringRef Old = Text.substr(E.Offset, E.Length);
    if (E.Length == 0)
      return "insert '" + E.Text + "'";
    if (E.Text.empty())
      return "remove '" + Old.str() + "'";
    return "change '" + Old.str() + "' to '" + E.Text + "'";
  }
  return "fix: " + F.Message;
}

} // namespace

bool ClangdProxy::addCodeActions(const PendingAction &Request,
                                 json::Value &Result) {
  if (!CodeActionLiterals || !Request.WantsQuickFix)
    return false;
  json::Array *Actions = Result.getAsArray();
  if (!Actions && Result.kind() != json::Value::Null)
    return false;
  auto It = Docs.find(Request.URI);
  if (It == Docs.end() || It->second.Desynced)
    return false;
  const Document &D = It->second;
  auto Range = lsp::rangeFromJSON(D.Text, &Request.Range, Enc);
  if (!Range)
    return false;
  json::Array Ours;
  for (const Tracked &T : D.Ours) {
    if (T.End < Range->first || T.Begin > Range->second)
      continue;
    for (const BufferFinding::Fix &Fix : T.Finding.Fixes) {
      std::map<std::string, json::Array> Changes;
      bool Ok = true;
      for (const BufferEdit &E : Fix.Edits) {
        std::string Text;
        if (E.Path == D.Path) {
          Text = D.Text;
        } else if (auto Buf = llvm::MemoryBuffer::getFile(E.Path)) {
          Text = (*Buf)->getBuffer().str();
        } else {
          Ok = false;
          break;
        }
        std::string URI = E.Path == D.Path ? D.URI : lsp::pathToURI(E.Path);
        Changes[URI].push_back(json::Object{
            {"range", lsp::rangeJSON(Text, E.Offset, E.Offset + E.Length, Enc)},
            {"newText", E.Text}});
      }
      if (!Ok || Changes.empty())
        continue;
      json::Object Edit;
      for (auto &[URI, Edits] : Changes)
        Edit[URI] = std::move(Edits);
      // A fix that may change meaning says so, and is never preferred
      // (editors apply a preferred fix with one key).
      std::string Title = fixTitle(Fix, D.Text, D.Path, T.Finding);
      if (Fix.Unsafe)
        Title += " (may change meaning)";
      Ours.push_back(json::Object{
          {"title", Title},
          {"kind", "quickfix"},
          {"diagnostics", json::Array{diagnostic(D, T)}},
          {"isPreferred", !Fix.Unsafe && T.Finding.Fixes.size() == 1},
          {"edit", json::Object{{"changes", std::move(Edit)}}}});
    }
  }
  if (Ours.empty())
    return false;
  if (!Actions) {
    Result = json::Array();
    Actions = Result.getAsArray();
  }
  for (json::Value &A : Ours)
    Actions->push_back(std::move(A));
  return true;
}

} // namespace asynclint
