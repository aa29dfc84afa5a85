/**
 * 普查数据 — the Surveys page: a contractor uploads a survey (zip or shapefile set), follows its
 * validation, previews the batch and commits or discards it; dispatchers and admins see every batch.
 */
import { useCallback, useState } from 'react';
import type { PageProps } from '../page-props.ts';
import { BatchList } from './BatchList.tsx';
import { BatchReport } from './BatchReport.tsx';
import { UploadForm } from './UploadForm.tsx';
import { UploadProgress } from './UploadProgress.tsx';
import { useReferenceNames } from './reference-names.state.ts';
import { useBatchList } from './survey-batches.state.ts';
import { useSurveyUpload } from './survey-upload.state.ts';
import { tr } from './surveys.messages.ts';
import './surveys.css';

export function SurveysPage({ locale, session }: PageProps) {
  const role = session.user.role;
  const canUpload = role === 'contractor' || role === 'admin';
  const list = useBatchList();
  const names = useReferenceNames();
  const [openedId, setOpenedId] = useState<number>();
  const onSettled = useCallback(
    (batchId: number) => {
      setOpenedId(batchId);
      list.reload();
    },
    [list.reload],
  );
  const upload = useSurveyUpload(onSettled);
  const uploading = upload.state.step === 'uploading' || upload.state.step === 'validating';

  return (
    <section className="page page-surveys" data-testid="page-surveys">
      <h1>{tr(locale, 'title')}</h1>
      <div className="surveys-layout">
        <div className="surveys-side">
          {canUpload && (
            <>
              <UploadForm
                locale={locale}
                busy={uploading}
                onUpload={(files, options) => {
                  setOpenedId(undefined);
                  upload.start(files, options);
                }}
              />
              <UploadProgress locale={locale} state={upload.state} />
            </>
          )}
          <BatchList locale={locale} batches={list.batches} openedId={openedId} error={list.error} onOpen={setOpenedId} />
        </div>
        {openedId !== undefined && (
          <BatchReport key={openedId} locale={locale} batchId={openedId} canDecide={canUpload} names={names} onChanged={list.reload} />
        )}
      </div>
    </section>
  );
}
