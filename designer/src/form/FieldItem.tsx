import { Form } from 'antd';
import type { ReactNode } from 'react';

export interface FieldItemProps {
  label: string;
  htmlFor?: string;
  required: boolean;
  error?: string;
  testId: string;
  children: ReactNode;
}

/** A field's label, required mark and error line around its input. */
export function FieldItem({ label, htmlFor, required, error, testId, children }: FieldItemProps) {
  return (
    <Form.Item
      label={label}
      htmlFor={htmlFor}
      required={required}
      validateStatus={error ? 'error' : undefined}
      help={error}
      data-testid={testId}
      style={{ marginBottom: 20 }}
    >
      {children}
    </Form.Item>
  );
}
