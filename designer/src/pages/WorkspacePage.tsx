import { Col, Row } from 'antd';
import { FormCatalog } from '../workspace/FormCatalog';
import { TaskInbox } from '../workspace/TaskInbox';

/** Home for staff: the task inbox beside the forms they can fill. */
export function WorkspacePage() {
  return (
    <Row gutter={[20, 20]}>
      <Col xs={24} lg={16}>
        <TaskInbox />
      </Col>
      <Col xs={24} lg={8}>
        <FormCatalog />
      </Col>
    </Row>
  );
}
