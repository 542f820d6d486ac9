import { ApiError, type FormDraft, type PublishedForm } from '@liuyun/client';
import type { FlowDefinition } from '@liuyun/definitions';
import { api } from '../../api/client';
import { autoLayout } from '../flow-editor/dagre-layout';
import { moveNodes } from '../flow-editor/flow-commands';
import type { BuilderDoc } from './builder-doc';

export interface LoadedBuilderDoc {
  published: PublishedForm;
  /** The saved draft, when there is one (else the document starts from the published version). */
  draft: FormDraft | null;
  doc: BuilderDoc;
}

/** A flow saved without positions (templates) gets laid out once, on opening. */
function placed(flow: FlowDefinition | null): FlowDefinition | null {
  if (!flow || flow.nodes.every((n) => n.position !== undefined)) return flow;
  return moveNodes(flow, autoLayout(flow));
}

/** The form's draft if it has one, else its published version, ready to edit. */
export async function loadBuilderDoc(
  formId: string,
  signal: AbortSignal,
): Promise<LoadedBuilderDoc> {
  const published = await api.form(formId, signal);
  let draft: FormDraft | null = null;
  try {
    draft = await api.draft(formId, signal);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
  }
  const source = draft ?? published;
  return {
    published,
    draft,
    doc: { definition: source.definition, flow: placed(source.flow) },
  };
}
