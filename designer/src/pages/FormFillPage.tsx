import { useCallback } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../api/client';
import { ErrorState } from '../common/ErrorState';
import { PageLoading } from '../common/PageLoading';
import { useQuery } from '../common/useQuery';
import { RecordForm } from '../form/RecordForm';
import { BackLink } from '../layout/BackLink';
import { DuplicateWarning } from '../records-list/DuplicateWarning';

/** `/forms/:formId/new`: fill in the published version of a form. */
export default function FormFillPage() {
  const { formId = '' } = useParams();
  const load = useCallback((signal: AbortSignal) => api.form(formId, signal), [formId]);
  const { data, error, reload } = useQuery(load);

  return (
    <div className="page-narrow">
      <BackLink />
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !data ? (
        <PageLoading />
      ) : (
        <RecordForm
          key={`${data.id}@${data.version}`}
          published={data}
          aside={(values) => (
            <DuplicateWarning formId={data.id} form={data.definition} data={values} />
          )}
        />
      )}
    </div>
  );
}
