-- Run by nvim-diagnostics.test: Neovim's own LSP client (Neovim 0.7, the
-- API of Debian 12's neovim) pointed at asynclint-clangd, as in
-- docs/editors.md. Waits until the buffer has an async-* diagnostic and a
-- clang one, then writes every diagnostic Neovim holds, one per line, to
-- $OUT ("TIMEOUT" first if they never came).
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = 'cpp'
local id = vim.lsp.start_client({
  name = 'asynclint-clangd',
  cmd = { os.getenv('ASYNCLINT_CLANGD'), '--background-index=false' },
  root_dir = vim.fn.expand('%:p:h'),
})
vim.lsp.buf_attach_client(bufnr, id)

local function code_of(d)
  local lsp = d.user_data and d.user_data.lsp or {}
  return d.code or lsp.code or ''
end

local function both()
  local ours, clang = false, false
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if tostring(code_of(d)):match('^async%-') then ours = true end
    if d.source == 'clang' then clang = true end
  end
  return ours and clang
end

local ok = vim.wait(90000, both, 100)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local code = code_of(d)
  table.insert(lines, string.format('%s %s %d:%d %s', d.source or '?', code,
                                    d.lnum + 1, d.col + 1,
                                    (d.message:gsub('\n.*', ''))))
end
table.sort(lines)
if not ok then table.insert(lines, 1, 'TIMEOUT') end
vim.fn.writefile(lines, os.getenv('OUT'))
vim.lsp.stop_client(id)
vim.cmd('qa!')
