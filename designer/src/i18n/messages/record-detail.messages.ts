import { defineMessages } from './define-messages';

/** The record page's data: related lists, files and the signature. */
export const recordDetail = defineMessages(
  {
    'record.download': 'Download {name}',
    'record.downloadShort': 'Download',
    'record.signature': 'Signature',
    'record.relatedFailed': 'The related records could not be loaded.',
    'record.relatedEmpty': 'No related records you may see.',
  },
  {
    'record.download': '下载 {name}',
    'record.downloadShort': '下载',
    'record.signature': '签名',
    'record.relatedFailed': '无法加载关联记录。',
    'record.relatedEmpty': '没有你可查看的关联记录。',
  },
);
