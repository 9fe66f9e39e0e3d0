import { lazy, Suspense } from 'react';
import type { CodeEditorProps } from './CodeEditor';

const CodeEditor = lazy(() => import('./CodeEditor'));

export function LazyCodeEditor(props: CodeEditorProps) {
  return (
    <Suspense fallback={<div className="code-editor code-editor-loading" style={{ height: props.height ?? 360 }}>Loading editor…</div>}>
      <CodeEditor {...props} />
    </Suspense>
  );
}
