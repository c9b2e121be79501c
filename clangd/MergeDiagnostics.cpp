//===--- MergeDiagnostics.cpp - asynclint-clangd --------------------------===//
//
// Where clangd's diagnostics and asynclint's findings become one list: each
// publishDiagnostics from clangd gets our findings for the document
// appended, and a new analysis republishes clangd's last list with ours.
//
//===----------------------------------------------------------------------===//

#include "ClangdProxy.h"
#include "JsonText.h"

namespace asynclint {

namespace json = llvm::json;

void ClangdProxy::onPublishDiagnostics(json::Object &Params) {
  std::optional<llvm::StringRef> URI = Params.getString("uri");
  json::Array *Diags = Params.getArray("diagnostics");
  if (!URI || !Diags)
    return;
  auto It = Docs.find(URI->str());
  if (It == Docs.end())
    return;
  Document &D = It->second;
  D.Clangd = *Diags;
  json::Array All = merged(D);
  remember(D.LastPublished, All);
  *Diags = std::move(All);
}

json::Value ClangdProxy::diagnostic(const Document &D, const Tracked &T) const {
  const BufferFinding &F = T.Finding;
  std::string Message = F.Message;
  json::Array Related;
  for (const BufferFinding::Note &N : F.Notes) {
    if (N.Path != D.Path) {
      Message += "\n\n" + N.Message;
      continue;
    }
    if (!RelatedInformation) {
      lsp::Position P = lsp::positionOf(D.Text, N.Offset, Enc);
      Message += "\n\n" + std::to_string(P.Line + 1) + ":" +
                 std::to_string(P.Character + 1) + ": note: " + N.Message;
      continue;
    }
    Related.push_back(json::Object{
        {"location", json::Object{{"uri", D.URI},
                                  {"range", lsp::rangeJSON(D.Text, N.Offset,
                                                           N.Offset, Enc)}}},
        {"message", N.Message}});
  }
  json::Object Diag{
      {"range", lsp::rangeJSON(D.Text, T.Begin, T.End, Enc)},
      {"severity", F.IsError ? 1 : 2},
      {"code", F.Check},
      {"source", "asynclint"},
      {"message", Message},
  };
  if (!Opts.DocsUrl.empty())
    Diag["codeDescription"] =
        json::Object{{"href", Opts.DocsUrl + F.Check + ".md"}};
  if (!Related.empty())
    Diag["relatedInformation"] = std::move(Related);
  return Diag;
}

json::Array ClangdProxy::merged(const Document &D) const {
  json::Array All = D.Clangd;
  for (const Tracked &T : D.Ours)
    All.push_back(diagnostic(D, T));
  return All;
}

void ClangdProxy::publishOurs(Document &D) {
  json::Array All = merged(D);
  if (!remember(D.LastPublished, All))
    return;
  json::Object Msg{{"jsonrpc", "2.0"},
                   {"method", "textDocument/publishDiagnostics"},
                   {"params", json::Object{{"uri", D.URI},
                                           {"diagnostics", std::move(All)}}}};
  post(text(std::move(Msg)));
}

} // namespace asynclint
