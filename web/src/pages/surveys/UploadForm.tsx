/** The drop zone and the upload's optional fields; hands the files and options to `onUpload`. */
import { useId, useState, type DragEvent, type FormEvent } from 'react';
import type { Locale } from '../../i18n.ts';
import type { UploadOptions } from './upload-request.ts';
import { tr } from './surveys.messages.ts';

export interface UploadFormProps {
  locale: Locale;
  busy: boolean;
  onUpload(files: File[], options: UploadOptions): void;
}

const accepted = '.zip,.shp,.shx,.dbf,.prj,.cpg';

export function UploadForm({ locale, busy, onUpload }: UploadFormProps) {
  const id = useId();
  const [files, setFiles] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const [options, setOptions] = useState<UploadOptions>({ datum: '' });
  const set = (key: keyof UploadOptions) => (event: { target: { value: string } }) => setOptions((o) => ({ ...o, [key]: event.target.value }));

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    setFiles([...event.dataTransfer.files]);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (files.length > 0) onUpload(files, options);
  };

  return (
    <form className="upload-form" onSubmit={onSubmit} data-testid="upload-form">
      <h2>{tr(locale, 'uploadTitle')}</h2>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        data-testid="drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <span>{tr(locale, 'dropHint')} </span>
        <label className="choose-files" htmlFor={`${id}-files`}>
          {tr(locale, 'chooseFiles')}
        </label>
        <input
          id={`${id}-files`}
          className="upload-input"
          type="file"
          multiple
          accept={accepted}
          data-testid="upload-input"
          onChange={(event) => setFiles([...(event.target.files ?? [])])}
        />
        {files.length > 0 && (
          <p className="chosen-files" data-testid="chosen-files">
            {tr(locale, 'chosen', { count: files.length, names: files.map((f) => f.name).join('、') })}
          </p>
        )}
      </div>
      <div className="upload-options">
        <label>
          {tr(locale, 'optionName')}
          <input type="text" value={options.name ?? ''} onChange={set('name')} data-testid="upload-name" />
        </label>
        <label>
          {tr(locale, 'optionProfile')}
          <input type="text" value={options.profile ?? ''} onChange={set('profile')} pattern="[\w\-]+" />
        </label>
        <label>
          {tr(locale, 'optionSrs')}
          <input type="text" value={options.srs ?? ''} onChange={set('srs')} placeholder="EPSG:4549" />
        </label>
        <label>
          {tr(locale, 'optionEncoding')}
          <input type="text" value={options.encoding ?? ''} onChange={set('encoding')} placeholder="GBK" />
        </label>
        <label>
          {tr(locale, 'optionDatum')}
          <select value={options.datum ?? ''} onChange={set('datum')}>
            <option value="">{tr(locale, 'datumNone')}</option>
            <option value="gcj02">{tr(locale, 'datumGcj02')}</option>
            <option value="bd09">{tr(locale, 'datumBd09')}</option>
          </select>
        </label>
      </div>
      <button type="submit" className="primary" disabled={busy || files.length === 0} data-testid="upload-submit">
        {tr(locale, 'upload')}
      </button>
    </form>
  );
}
