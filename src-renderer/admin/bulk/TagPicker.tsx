// Picks enterprise tags for a bulk change: a select grouped by tag group (keyboard-native),
// the picked ones as removable chips.
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { useBatchesStore } from '../../state/batches-store';

export function TagPicker({ label, value, onChange, testId, exclude }: { label: string; value: string[]; onChange: (ids: string[]) => void; testId: string; exclude: string[] }) {
  const { groups, tagNames } = useBatchesStore();
  return (
    <div className="efield" role="group" aria-label={label}>
      <span className="field-label">{label}</span>
      <select
        className="select"
        aria-label={label}
        data-testid={testId}
        value=""
        onChange={(e) => {
          if (e.target.value && !value.includes(e.target.value)) onChange([...value, e.target.value]);
        }}
      >
        <option value="">{t.bulk.pickTag}</option>
        {groups.map((g) => (
          <optgroup key={g.groupId} label={g.groupName}>
            {g.tags.map((x) => (
              <option key={x.tagId} value={x.tagId} disabled={value.includes(x.tagId) || exclude.includes(x.tagId)}>
                {x.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {value.length > 0 ? (
        <div className="picked">
          {value.map((id) => (
            <span key={id} className="pchip" data-testid={`${testId}-chip`}>
              {tagNames.get(id) ?? id}
              <button type="button" className="pchip-x" aria-label={t.bulk.removeChip(tagNames.get(id) ?? id)} onClick={() => onChange(value.filter((x) => x !== id))}>
                <Icon name="x" size={9} />
              </button>
            </span>
          ))}
        </div>
      ) : null}
    </div>
  );
}
