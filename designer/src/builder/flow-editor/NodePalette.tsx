import type { NodeType } from '@liuyun/definitions';
import { Flex, Typography } from 'antd';
import type { DragEvent, KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { NODE_DRAG_TYPE } from './FlowEditorCanvas';
import { NODE_CATEGORIES, designerNodeTypes, nodeCatalog } from './node-catalog';
import { NodeTypeIcon } from './NodeTypeIcon';

/**
 * Every node type the runtime has, by group. Drag one onto the canvas, or focus it and
 * press Enter to add it below the selection.
 */
export function NodePalette({ onAdd }: { onAdd: (type: NodeType) => void }) {
  const { t } = useI18n();
  const types = designerNodeTypes().filter((type) => nodeCatalog[type].inPalette);

  const onDragStart = (event: DragEvent, type: NodeType) => {
    event.dataTransfer.setData(NODE_DRAG_TYPE, type);
    event.dataTransfer.effectAllowed = 'move';
  };
  const onKeyDown = (event: KeyboardEvent, type: NodeType) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onAdd(type);
  };

  return (
    <nav
      className="builder-palette"
      aria-label={t('flowEditor.palette')}
      data-testid="node-palette"
    >
      <Typography.Text strong className="builder-palette-title">
        {t('flowEditor.palette')}
      </Typography.Text>
      {NODE_CATEGORIES.map((category) => (
        <div key={category} className="builder-palette-group">
          <Typography.Text type="secondary" className="builder-palette-group-title">
            {t(`flowEditor.category.${category}`)}
          </Typography.Text>
          <Flex vertical gap={6}>
            {types
              .filter((type) => nodeCatalog[type].category === category)
              .map((type) => (
                <div
                  key={type}
                  role="button"
                  tabIndex={0}
                  draggable
                  className={`builder-palette-item flow-node--${type}`}
                  data-testid={`palette-${type}`}
                  aria-label={t('flowEditor.paletteAdd', { type: t(`flow.node.${type}`) })}
                  onDragStart={(e) => onDragStart(e, type)}
                  onKeyDown={(e) => onKeyDown(e, type)}
                  onDoubleClick={() => onAdd(type)}
                >
                  <span className="flow-node-icon" aria-hidden="true">
                    <NodeTypeIcon type={type} />
                  </span>
                  <span>{t(`flow.node.${type}`)}</span>
                </div>
              ))}
          </Flex>
        </div>
      ))}
    </nav>
  );
}
