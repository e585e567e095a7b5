import json

def lambda_handler(event, context):
    for record in event['Records']:
        # Capture the event name (INSERT, MODIFY, REMOVE)
        event_type = record['eventName']

        # Get the old image before the change (if present)
        old_image = record.get('dynamodb', {}).get('OldImage', {})

        # Get the new image after the change (if present)
        new_image = record.get('dynamodb', {}).get('NewImage', {})

        # Perform actions based on event type
        if event_type == 'INSERT':
            # Process newly inserted item
            print("New item added:", new_image)
        elif event_type == 'MODIFY':
            # Compare old and new to detect changes
            print("Item modified. Old:", old_image, "New:", new_image)
        elif event_type == 'REMOVE':
            # Item was deleted
            print("Item removed:", old_image)
