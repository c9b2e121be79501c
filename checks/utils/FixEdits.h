//===--- FixEdits.h - asynclint ---------------------------------*- C++ -*-===//
//
// Whether a fix-it's edit keeps the preprocessing of the text it replaces.
// A check's replacement is built from the AST, which has no trace of a
// directive (an #ifdef block, skipped or taken, a #pragma) and none of a
// macro's own spelling: replacing text that holds one deletes it. Every
// check asks here before it offers a fix-it that replaces text.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_UTILS_FIXEDITS_H
#define ASYNCLINT_CHECKS_UTILS_FIXEDITS_H

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"

namespace clang::tidy::async::utils {

/// Whether replacing \p Replaced with new text loses nothing the
/// preprocessor sees. \p Kept are the parts of \p Replaced whose text the
/// new text repeats verbatim (as Lexer::getSourceText spells them). False
/// when \p Replaced or a kept part is not one range of one file (it starts
/// or ends inside a macro expansion), when \p Replaced holds a directive
/// (a '#' first on its line, in skipped blocks too) or a _Pragma, or when a
/// macro name is spelled in \p Replaced outside every kept part (its
/// expansion, even an empty one, would be replaced by the new text). An
/// insertion (an empty range at a file location) always keeps everything.
bool keepsPreprocessing(CharSourceRange Replaced,
                        llvm::ArrayRef<CharSourceRange> Kept,
                        const ASTContext &Ctx);

} // namespace clang::tidy::async::utils

#endif // ASYNCLINT_CHECKS_UTILS_FIXEDITS_H
