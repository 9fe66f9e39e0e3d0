/**
 * Monaco, bundled locally (no CDN): the editor core, its web worker built by Vite, and the Monarch
 * grammars of the languages an operator edits in a container. Loaded only by the pages that need it.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/definitions/shell/register';
import 'monaco-editor/languages/definitions/ini/register';
import 'monaco-editor/languages/definitions/python/register';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/typescript/register';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/languages/definitions/xml/register';
import 'monaco-editor/languages/definitions/html/register';
import 'monaco-editor/languages/definitions/css/register';
import 'monaco-editor/languages/definitions/dockerfile/register';
import 'monaco-editor/languages/definitions/sql/register';
import 'monaco-editor/languages/definitions/go/register';
import 'monaco-editor/languages/definitions/rust/register';
import 'monaco-editor/languages/definitions/java/register';
import 'monaco-editor/languages/definitions/cpp/register';
import 'monaco-editor/languages/definitions/perl/register';
import 'monaco-editor/languages/definitions/lua/register';

declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

monaco.editor.defineTheme('axion-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: {
    'editor.background': '#0d141d',
    'editor.lineHighlightBackground': '#152131',
    'editorGutter.background': '#0d141d',
  },
});

const BY_NAME: Record<string, string> = {
  dockerfile: 'dockerfile',
  makefile: 'shell',
  '.bashrc': 'shell',
  '.profile': 'shell',
  '.bash_profile': 'shell',
  'user-data': 'yaml',
};

/** The language for a file name, by Monaco's own extension table, with a few well-known names. */
export function languageFor(fileName: string): string {
  const base = fileName.split('/').pop()?.toLowerCase() ?? '';
  if (BY_NAME[base]) return BY_NAME[base];
  const dot = base.lastIndexOf('.');
  const ext = dot >= 0 ? base.slice(dot) : '';
  if (ext) {
    for (const lang of monaco.languages.getLanguages()) {
      if (lang.extensions?.includes(ext)) return lang.id;
    }
  }
  if (base.endsWith('.conf') || base.endsWith('.cfg')) return 'ini';
  return 'plaintext';
}

export { monaco };
