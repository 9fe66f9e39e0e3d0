import { useEffect, useRef } from 'react';
import { monaco, languageFor } from './monaco';

export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** A Monaco language id, or a file name to guess it from. */
  language?: string;
  fileName?: string;
  ariaLabel: string;
  height?: number | string;
  readOnly?: boolean;
  onSave?: () => void;
}

/** Monaco in a div; the parent owns the text. Ctrl/Cmd+S calls onSave. */
export default function CodeEditor({ value, onChange, language, fileName, ariaLabel, height = 360, readOnly, onSave }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const onChangeRef = useRef(onChange);
  const onSaveRef = useRef(onSave);
  // Values the editor itself produced: when they come back as props (a render behind the typing),
  // they must not be pushed into the editor again, or the cursor jumps and keystrokes are lost.
  const emitted = useRef<string[]>([]);
  onChangeRef.current = onChange;
  onSaveRef.current = onSave;

  useEffect(() => {
    if (!host.current) return;
    const lang = language ?? (fileName ? languageFor(fileName) : 'plaintext');
    const instance = monaco.editor.create(host.current, {
      value,
      language: lang,
      theme: 'axion-dark',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      fontFamily: "'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace",
      scrollBeyondLastLine: false,
      readOnly,
      ariaLabel,
      tabSize: 2,
      renderWhitespace: 'boundary',
      accessibilitySupport: 'auto',
    });
    editor.current = instance;
    const sub = instance.onDidChangeModelContent(() => {
      const text = instance.getValue();
      emitted.current.push(text);
      if (emitted.current.length > 200) emitted.current.shift();
      onChangeRef.current(text);
    });
    instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => onSaveRef.current?.());
    return () => {
      sub.dispose();
      instance.getModel()?.dispose();
      instance.dispose();
      editor.current = null;
    };
    // The editor is created once per language/file; later value changes from outside are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [language, fileName, readOnly]);

  useEffect(() => {
    const instance = editor.current;
    if (!instance || emitted.current.includes(value)) return;
    if (instance.getValue() !== value) instance.setValue(value);
    emitted.current = [];
  }, [value]);

  return <div ref={host} className="code-editor" style={{ height }} data-testid="code-editor" />;
}
